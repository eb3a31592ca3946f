/* doc_md.c - Markdown read through libcmark (to be written). */
#include "doc.h"

int doc_read_markdown(doc *d, const char *buf, size_t len, char **err)
{
    (void)d; (void)buf; (void)len;
    *err = xasprintf("%s:1: Markdown reader not written yet", d->name);
    return -1;
}
