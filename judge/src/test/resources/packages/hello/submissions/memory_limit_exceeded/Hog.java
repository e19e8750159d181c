import java.util.ArrayList;
public class Hog {
  public static void main(String[] args) {
    ArrayList<long[]> keep = new ArrayList<>();
    while (true) keep.add(new long[1 << 20]);
  }
}
