/**
 * Gate QR posters (A3.1): signed gate entry links ({@link cn.campuspass.organization.poster.GateLinks}) and the
 * printable poster rendering ({@link cn.campuspass.organization.poster.GatePosterRenderer}). Plain Java with no
 * Spring beans, so the portal can verify links and the admin API can render posters without pulling in each
 * other. Exposed as a named interface because the WeChat portal must verify the links it receives.
 */
@org.springframework.modulith.NamedInterface("poster")
package cn.campuspass.organization.poster;
