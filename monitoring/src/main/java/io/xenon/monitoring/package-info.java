/**
 * Monitoring: Kamon's set-up (with the bundle's Pekko instrumentation), the Prometheus scrape
 * endpoint, and the catalogue of Xenon's metrics. Metrics are recorded where the work happens, in
 * the other modules; this package only exports them.
 */
package io.xenon.monitoring;
