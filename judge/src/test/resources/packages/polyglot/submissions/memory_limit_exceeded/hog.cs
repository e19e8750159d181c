using System.Collections.Generic;

public static class Hog
{
    public static void Main()
    {
        var keep = new List<long[]>();
        while (true)
        {
            var block = new long[1 << 20];
            for (int i = 0; i < block.Length; i++) block[i] = i; // touch every page
            keep.Add(block);
        }
    }
}
