package dev.fanout.core;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ FanoutProperties.class, WebProperties.class })
class SystemConfiguration {

}
