/* deck.c - placeholder until written */
#include "deck.h"
typedef int placeholder_deck;
