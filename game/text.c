/* text.c - placeholder until written */
#include "text.h"
typedef int placeholder_x;
