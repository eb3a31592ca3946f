/* config.c - placeholder until written */
#include "config.h"
typedef int placeholder_config;
