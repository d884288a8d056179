/**
 * The WeChat H5 portals (registrant, visitor, staff analytics) and the adapters to WeChat (WxJava) and SMS. The
 * WeChat API host is configurable, so the same code talks to the local simulator in tests and to WeChat in
 * production.
 */
@org.springframework.modulith.ApplicationModule
package cn.campuspass.wechat;
