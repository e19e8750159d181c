program Overflow;
{ The sum is kept in a 32-bit LongInt: the big test cases wrap around. }
var
  a, b: Int64;
  s: LongInt;
begin
  ReadLn(a, b);
  s := LongInt(a + b);
  WriteLn(s);
end.
