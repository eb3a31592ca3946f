/* text.h placeholder */
#ifndef QUIZMILL_TEXT_H
#define QUIZMILL_TEXT_H
typedef int text_placeholder_;
#endif
