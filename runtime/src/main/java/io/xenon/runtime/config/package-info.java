/**
 * The domain configuration: xl.cfg(5) files parsed with Xen's syntax into one model.
 *
 * <p>{@link io.xenon.runtime.config.DomainConfig} is declared once here and shared by the
 * parser, the daemon and the {@code xl} command line. The grammar follows
 * {@code tools/libs/util/libxlu_cfg_l.l} and {@code libxlu_cfg_y.y}; the key semantics follow
 * {@code tools/xl/xl_parse.c} and the xl.cfg, xl-disk-configuration, xl-network-configuration
 * and xl-pci-configuration manual pages.
 *
 * <p>Entry points: {@link io.xenon.runtime.config.DomainConfigs#read} for a domain's xl.cfg
 * (with {@code key=value} overrides from the command line), {@link io.xenon.runtime.config.XlConf}
 * for the host's xl.conf, {@link io.xenon.runtime.config.CpupoolConfig} for a cpupool file,
 * {@link io.xenon.runtime.config.XlCfg#parse} for the raw statements of any of them, and
 * {@code DiskSpec.parse}, {@code VifSpec.parse} and {@code PciSpec.parse} for one device spec
 * (as {@code xl block-attach}, {@code network-attach} and {@code pci-attach} take them).
 * Every failure is a {@link io.xenon.runtime.config.ConfigException} reading
 * {@code file:line:column: what was expected}.
 */
package io.xenon.runtime.config;
