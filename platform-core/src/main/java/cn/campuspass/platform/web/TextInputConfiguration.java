package cn.campuspass.platform.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Every text read from a JSON request body goes through {@link TextDeserializer}, so a new endpoint refuses control
 * characters without doing anything (Spring Boot adds {@link JacksonModule} beans to its JSON mapper).
 */
@Configuration(proxyBeanMethods = false)
class TextInputConfiguration {

    @Bean
    JacksonModule textInputModule() {
        return new SimpleModule("campuspass-text-input").addDeserializer(String.class, new TextDeserializer(false));
    }

    static final class TextDeserializer extends StdScalarDeserializer<String> {

        private final boolean multiLine;

        TextDeserializer(boolean multiLine) {
            super(String.class);
            this.multiLine = multiLine;
        }

        @Override
        public ValueDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
            boolean wanted = property != null && property.getAnnotation(MultiLine.class) != null;
            return wanted == multiLine ? this : new TextDeserializer(wanted);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            String text = StringDeserializer.instance.deserialize(parser, context);
            if (text != null) {
                int max = multiLine ? ControlCharacters.MAX_MULTI_LINE : ControlCharacters.MAX_SINGLE_LINE;
                if (text.length() > max) {
                    throw new ControlCharacters.TooLong(parser, text.length(), max);
                }
                int at = ControlCharacters.firstRefused(text, multiLine);
                if (at >= 0) {
                    throw new ControlCharacters.Refused(parser, at);
                }
            }
            return text;
        }

        @Override
        public Object getEmptyValue(DeserializationContext context) {
            return "";
        }
    }
}
