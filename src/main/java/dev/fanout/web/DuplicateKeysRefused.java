package dev.fanout.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.stereotype.Component;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request bodies that name a field twice ({@code {"parameters": {"threads": "2", "threads": "8"}}}) are refused
 * ({@link UnreadableBodies} says which), as {@code run threads=2 threads=8} is, instead of Jackson keeping the last one
 * and launching with a value the client may not have meant.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class DuplicateKeysRefused implements JsonMapperBuilderCustomizer {

	@Override
	public void customize(JsonMapper.Builder builder) {
		builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
	}

}
