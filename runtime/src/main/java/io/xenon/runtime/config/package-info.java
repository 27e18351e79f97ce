/**
 * The domain configuration: xl.cfg(5) files parsed with Xen's syntax into one model.
 *
 * <p>{@link io.xenon.runtime.config.DomainConfig} is declared once here and shared by the
 * parser, the daemon and the {@code xl} command line. The grammar follows
 * {@code tools/libs/util/libxlu_cfg_l.l} and {@code libxlu_cfg_y.y}; the key semantics follow
 * {@code tools/xl/xl_parse.c} and the xl.cfg, xl-disk-configuration, xl-network-configuration
 * and xl-pci-configuration manual pages.
 */
package io.xenon.runtime.config;
