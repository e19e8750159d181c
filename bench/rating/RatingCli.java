import java.util.List;
import org.cpjudge.api.cli.RatingCommand;

/** Stand-in for `judge.jar rating` while the api module's Main cannot build: the same call Main makes. */
public final class RatingCli {
    public static void main(String[] args) {
        System.exit(RatingCommand.run(List.of(args), System.in, System.out, System.err));
    }
}
