package cn.campuspass.platform.web;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.ByteArrayHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * Every text read from a JSON request body goes through {@link TextDeserializer}, so a new endpoint refuses control
 * characters and over-long text without doing anything. Only the request-body converter gets the rule: the
 * application's own {@link JsonMapper} also reads stored JSON (settings, SSO configuration with a PEM certificate,
 * Redis values), which must read back exactly what was written.
 */
@Configuration(proxyBeanMethods = false)
public class TextInputConfiguration {

    static JacksonModule textInputModule() {
        return new SimpleModule("campuspass-text-input").addDeserializer(String.class, new TextDeserializer(false));
    }

    /** The mapper request bodies are read with: the application's, plus the text rule. */
    public static JsonMapper requestReader(JsonMapper json) {
        return json.rebuild().addModule(textInputModule()).build();
    }

    @Bean
    WebMvcConfigurer textInputConverter(JsonMapper json) {
        JsonMapper requests = requestReader(json);
        return new WebMvcConfigurer() {
            @Override
            public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
                converters.replaceAll(converter -> converter instanceof JacksonJsonHttpMessageConverter
                        ? new JacksonJsonHttpMessageConverter(requests)
                        : converter);
                // A handler that answers bytes (springdoc's /v3/api-docs, downloads) means those bytes: ahead of
                // the JSON converter, which would write them as one base64 string (Spring Framework 7.0.2 puts
                // it behind; springdoc issue 3173).
                converters.removeIf(converter -> converter instanceof ByteArrayHttpMessageConverter);
                converters.add(0, new ByteArrayHttpMessageConverter());
            }
        };
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
