package cn.campuspass.platform.web;

import tools.jackson.databind.JacksonModule;

/** Lets tests of other packages build a JSON mapper with the application's text input rules. */
public final class TextInputTestAccess {

    public JacksonModule module() {
        return new TextInputConfiguration().textInputModule();
    }
}
