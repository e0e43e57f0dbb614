package org.arxivpipeline.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;

/**
 * PostgreSQL in a container, where a Docker engine runs. The host port is fixed up front, so that a
 * stopped and restarted container is reachable at the same address, as a restarted server would be.
 */
final class ContainerPostgresServer implements PostgresServer {

    private final PostgreSQLContainer container;
    private final int port;

    ContainerPostgresServer(String image) {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        container = new PostgreSQLContainer(image)
                .withUsername("postgres")
                .withPassword("postgres")
                .withDatabaseName("postgres")
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPortBindings(List.of(
                        new PortBinding(Ports.Binding.bindPort(port), new ExposedPort(5432)))));
        container.start();
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @Override
    public void stop() {
        DockerClientFactory.instance().client().stopContainerCmd(container.getContainerId()).exec();
    }

    @Override
    public void start() {
        DockerClientFactory.instance().client().startContainerCmd(container.getContainerId()).exec();
        TestPostgres.awaitConnectable(this);
    }

    @Override
    public void destroy() {
        container.stop();
    }

    @Override
    public String host() {
        return container.getHost();
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String superuser() {
        return "postgres";
    }

    @Override
    public String superuserPassword() {
        return "postgres";
    }
}
