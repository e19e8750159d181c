use strict;
use warnings;

my ($a, $b) = split ' ', do { local $/; <STDIN> };
print $a + $b, "\n";
