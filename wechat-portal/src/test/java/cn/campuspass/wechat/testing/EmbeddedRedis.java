package cn.campuspass.wechat.testing;

import java.io.IOException;
import java.net.ServerSocket;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import redis.embedded.RedisServer;

/**
 * A real Redis (embedded binary, free port, nothing kept on disk) with a Jedis-backed template, for unit tests of
 * Redis-backed classes without the whole stack. Start once per test class, {@link #flush()} before each test.
 */
public final class EmbeddedRedis implements AutoCloseable {

    private final RedisServer server;
    private final JedisConnectionFactory connections;
    private final StringRedisTemplate template;

    private EmbeddedRedis(RedisServer server, JedisConnectionFactory connections, StringRedisTemplate template) {
        this.server = server;
        this.connections = connections;
        this.template = template;
    }

    public static EmbeddedRedis start() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        RedisServer server = RedisServer.newRedisServer()
                .port(port)
                .bind("127.0.0.1")
                .setting("save \"\"")
                .setting("appendonly no")
                .build();
        server.start();
        JedisConnectionFactory connections =
                new JedisConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port));
        connections.afterPropertiesSet();
        connections.start();
        StringRedisTemplate template = new StringRedisTemplate(connections);
        template.afterPropertiesSet();
        return new EmbeddedRedis(server, connections, template);
    }

    public StringRedisTemplate template() {
        return template;
    }

    /** Empties the database; the connection is closed at once (the pool holds eight, and every test flushes). */
    public void flush() {
        try (var connection = connections.getConnection()) {
            connection.serverCommands().flushDb();
        }
    }

    @Override
    public void close() throws IOException {
        connections.destroy();
        server.stop();
    }
}
