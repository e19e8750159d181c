package org.cpjudge.api;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.cpjudge.api.cli.RatingCommand;
import org.cpjudge.api.cli.VerifyCommand;
import org.cpjudge.api.config.ServerConfig;

/** {@code java -jar judge.jar SUBCOMMAND ...}: the one entry point of the server and its tools. */
public final class Main {

    private Main() {
    }

    public static void main(String[] argv) throws Exception {
        List<String> args = List.of(argv);
        String command = args.isEmpty() ? "help" : args.get(0);
        List<String> rest = args.isEmpty() ? List.of() : args.subList(1, args.size());
        int status = switch (command) {
            case "serve" -> serve(rest, JudgeServer.Role.ALL);
            case "api" -> serve(rest, JudgeServer.Role.API);
            case "worker" -> serve(rest, JudgeServer.Role.WORKER);
            case "rating" -> RatingCommand.run(rest, System.in, System.out, System.err);
            case "verify" -> VerifyCommand.run(rest, System.out, System.err);
            case "help", "--help", "-h" -> help(0);
            default -> {
                System.err.println("unknown subcommand '" + command + "'");
                yield help(2);
            }
        };
        if (status != 0 || !List.of("serve", "api", "worker").contains(command)) {
            System.exit(status);
        }
    }

    private static int serve(List<String> args, JudgeServer.Role role) throws Exception {
        ServerConfig config;
        try {
            config = ServerConfig.from(args, System.getenv());
        } catch (ServerConfig.ConfigException e) {
            System.err.println("judge: " + e.getMessage());
            return 2;
        }
        JudgeServer server;
        try {
            server = JudgeServer.start(config, role);
        } catch (ServerConfig.ConfigException e) {
            System.err.println("judge: " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
        return 0;
    }

    private static int help(int status) {
        var out = status == 0 ? System.out : System.err;
        out.println("""
                usage: java -jar judge.jar SUBCOMMAND [OPTIONS]

                subcommands:
                  serve [OPTIONS]   the HTTP API and the local judge workers (Ctrl-C stops it)
                  api [OPTIONS]     the HTTP API alone, for deployments whose workers run elsewhere
                  worker [OPTIONS]  judge workers alone, taking jobs from the database's queue (needs --db-url)
                  rating [FILE]     rating changes of a contest's standings (JSON from FILE or stdin)
                  verify DIR        judge every submission in a problem package's submissions/ folder
                  help              this text

                options of serve, api and worker (flag or environment variable):""");
        out.print(ServerConfig.usage());
        return status;
    }
}
