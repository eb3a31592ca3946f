/* article.c - placeholder until written */
#include "article.h"
typedef int placeholder_article;
