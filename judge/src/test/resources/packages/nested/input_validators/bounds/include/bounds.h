#pragma once
constexpr long long LOWEST = 3;
constexpr long long HIGHEST = 1000000000;
