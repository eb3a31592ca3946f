/* doc_text.c - plain text read into blocks (to be written). */
#include "doc.h"

int doc_read_text(doc *d, const char *buf, size_t len, char **err)
{
    (void)buf; (void)len;
    *err = xasprintf("%s:1: text reader not written yet", d->name);
    return -1;
}
