-- xs is used twice, so all of it stays alive while sum walks it: far beyond 256 MiB
main :: IO ()
main = print (sum xs + length xs)
  where xs = [1 .. 100000000 :: Int]
