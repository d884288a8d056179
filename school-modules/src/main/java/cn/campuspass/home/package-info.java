/** The school admin console's home page (A2): counts read from the feature modules' own services. */
@org.springframework.modulith.ApplicationModule
package cn.campuspass.home;
