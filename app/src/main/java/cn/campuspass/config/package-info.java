/** Start-up checks of the deployable: the settings production cannot run without. */
package cn.campuspass.config;
