main :-
    read_string(user_input, _, Text),
    split_string(Text, " \t\r\n", " \t\r\n", Parts),
    exclude(==(""), Parts, [A, B]),
    number_string(X, A),
    number_string(Y, B),
    Z is X + Y,
    format("~d~n", [Z]).
