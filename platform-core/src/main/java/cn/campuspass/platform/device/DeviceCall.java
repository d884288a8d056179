package cn.campuspass.platform.device;

/**
 * A gate device's hot call — {@code POST /device/{school}/api/{operation}} with HTTP Basic and a small JSON body —
 * that {@link DeviceLane} may answer without the generic web stack. The same operation stays a controller mapping
 * too (OpenAPI, the authorization matrix, and every request the lane passes on), and {@link #handle} must be exactly
 * what that controller method does, so both ways give the same answer.
 *
 * @param <B> the JSON body
 */
public interface DeviceCall<B> {

    /** The path's last segment, e.g. {@code verifications}. */
    String operation();

    Class<B> bodyType();

    /** Larger bodies (e.g. a plate event with a snapshot) take the ordinary way. */
    int maxBodyBytes();

    /** Runs with the school bound; throws {@code ApiException} as the controller would. */
    Object handle(String authorization, B body);
}
