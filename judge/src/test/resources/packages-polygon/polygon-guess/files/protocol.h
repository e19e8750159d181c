// What the interactor and the validator of this package share (written for cpjudge's tests).
#pragma once
const long long MAX_X = 1000000;
const int MAX_QUERIES = 25;
