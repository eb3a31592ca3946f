/* gen.c - placeholder until written */
#include "gen.h"
typedef int placeholder_gen;
