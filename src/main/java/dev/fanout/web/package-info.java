/**
 * What {@code serve} exposes over HTTP besides the dashboard: the REST API ({@code /api/jobs},
 * {@code /api/executions}), its security (the operator account, HTTP Basic for {@code /api} and {@code /actuator},
 * the dashboard's form login with a login throttle, refusal of cross-site mutating requests), RFC 9457 problem
 * details and the OpenAPI description. Input that arrives here is hostile until the launch path has checked it.
 */
package dev.fanout.web;
