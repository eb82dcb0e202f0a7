package io.coffer.it;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * The S3-compatible server of the build's S3 pass (ear/pom.xml, profile it-s3): S3Proxy with its filesystem backend
 * under {@code args[0]}, on a free loopback port, with bucket {@code args[1]} and the credentials {@code args[2]} /
 * {@code args[3]}. Started by the build as a process of its own; it writes {@code port} (the port, once it serves)
 * into its directory, and stops when a {@code stop} file appears there or when the build that started it is gone,
 * so that an interrupted build never leaves it running.
 */
public final class S3ProxyProcess {

    private S3ProxyProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]).toAbsolutePath();
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Files.deleteIfExists(dir.resolve("stop"));
        Files.deleteIfExists(dir.resolve("port"));
        Files.deleteIfExists(dir.resolve("stopped"));
        ProcessHandle build = ProcessHandle.current().parent().orElse(null);
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", data.toString());
        BlobStoreContext context = ContextBuilder.newBuilder("filesystem").overrides(properties)
                .build(BlobStoreContext.class);
        context.getBlobStore().createContainerInLocation(null, args[1]);
        S3Proxy proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, args[2], args[3]).build();
        proxy.start();
        for (int i = 0; i < 600 && !"STARTED".equals(proxy.getState()); i++) {
            Thread.sleep(50);
        }
        Path port = dir.resolve("port.tmp");
        Files.writeString(port, Integer.toString(proxy.getPort()), StandardCharsets.US_ASCII);
        Files.move(port, dir.resolve("port"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        System.out.println("S3Proxy serves " + data + " on port " + proxy.getPort());
        while (!Files.exists(dir.resolve("stop")) && (build == null || build.isAlive())) {
            Thread.sleep(500);
        }
        proxy.stop();
        context.close();
        Files.writeString(dir.resolve("stopped"), "", StandardCharsets.US_ASCII);
        System.exit(0);
    }
}
