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
            case "serve" -> serve(rest, true);
            case "api" -> serve(rest, false);
            case "rating" -> RatingCommand.run(rest, System.in, System.out, System.err);
            case "verify" -> VerifyCommand.run(rest, System.out, System.err);
            case "help", "--help", "-h" -> help(0);
            default -> {
                System.err.println("unknown subcommand '" + command + "'");
                yield help(2);
            }
        };
        if (status != 0 || !command.equals("serve") && !command.equals("api")) {
            System.exit(status);
        }
    }

    private static int serve(List<String> args, boolean withWorkers) throws Exception {
        ServerConfig config;
        try {
            config = ServerConfig.from(args, System.getenv());
        } catch (ServerConfig.ConfigException e) {
            System.err.println("judge: " + e.getMessage());
            return 2;
        }
        if (!withWorkers) {
            config = new ServerConfig(config.port(), config.dataDir(), config.dbUrl(), config.dbUser(),
                    config.dbPassword(), 0, config.adminToken(), config.insecureSandbox());
        }
        JudgeServer server = JudgeServer.start(config);
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
                  rating [FILE]     rating changes of a contest's standings (JSON from FILE or stdin)
                  verify DIR        judge every submission in a problem package's submissions/ folder
                  help              this text

                options of serve and api (flag or environment variable):""");
        out.print(ServerConfig.usage());
        return status;
    }
}
