/**
 * The daemon's REST API as both sides see it: paths, request and response bodies (JSON, snake
 * case, as libxl names things), the state-directory files that locate the daemon, and a client.
 *
 * <p>Every request carries {@code Authorization: Bearer <token>}; the token is in
 * {@code <state-dir>/api.token} (mode 0600) and the port in {@code <state-dir>/api.port}.
 * Errors are a non-2xx status with {@code {"error": "..."}}: 400 bad input, 401 no or wrong
 * token, 404 no such domain, 409 refused in the current state.
 */
package io.xenon.toolstack.api;
