/* doc_html.c - saved web pages read through gumbo (to be written). */
#include "doc.h"

int doc_read_html(doc *d, const char *buf, size_t len, char **err)
{
    (void)buf; (void)len;
    *err = xasprintf("%s:1: HTML reader not written yet", d->name);
    return -1;
}
