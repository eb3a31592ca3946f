/* test_util.c - util and rng. */
#include "rng.h"
#include "util.h"

#include "harness.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

/* A watchdog for the reads that could block: a read that hangs (a FIFO
 * without a writer) is killed by SIGALRM instead of hanging the suite. */
#define HANG_LIMIT_S 30

static void test_utf8(void)
{
    INT_EQ(utf8_check("abc", 3), 3, "ascii");
    INT_EQ(utf8_check("a\xe2\x80\x99z", 5), 5, "right quote");
    INT_EQ(utf8_check("a\xff", 2), 1, "0xff");
    INT_EQ(utf8_check("\xc0\xaf", 2), 0, "overlong");
    INT_EQ(utf8_check("ab\xe2\x80", 4), 2, "truncated");
    INT_EQ(utf8_check("\xed\xa0\x80", 3), 0, "surrogate");
    INT_EQ(utf8_check("\xf4\x90\x80\x80", 4), 0, "above U+10FFFF");
    INT_EQ(utf8_len("a\xe2\x80\x99z"), 3, "code points");
}

static void test_strbuf(void)
{
    strbuf sb = STRBUF_INIT;
    STR_EQ(strbuf_str(&sb), "", "empty");
    for (int i = 0; i < 1000; i++)
        strbuf_addf(&sb, "%d,", i % 10);
    INT_EQ(sb.len, 2000, "length after 1000 appends");
    char *s = strbuf_detach(&sb);
    INT_EQ(s[1998], '9', "content");
    INT_EQ(sb.len, 0, "detached");
    free(s);
}

static void test_strings(void)
{
    INT_EQ(str_icmp("Hello", "hELLO"), 0, "icmp");
    OK(str_icmp("a", "b") < 0, "order");
    OK(str_iendswith("Unique FAQs", "faqs"), "endswith");
    OK(str_icasestr("Unique FAQs", "faq") != NULL, "icasestr");
    OK(str_icasestr("abc", "abd") == NULL, "icasestr miss");
    {
        const char *h = "aXb FAq faQS 1,200 km ÅSA";
        OK(str_icasestr(h, "faq") == h + 4, "icasestr: the first match, either case");
        OK(str_icasestr(h, "Xb") == h + 1, "icasestr: inside a word");
        OK(str_icasestr(h, "1,2") == h + 13, "icasestr: a digit first");
        OK(str_icasestr(h, "Åsa") == h + 22, "icasestr: UTF-8 bytes as they are, ASCII folded");
        OK(str_icasestr(h, "åsa") == NULL, "icasestr: no folding past ASCII");
        OK(str_icasestr(h, "kmx") == NULL, "icasestr: no match at the end");
        OK(str_icasestr(h, "") == h, "icasestr: empty needle");
    }
    INT_EQ(edit_distance("dificulty", "difficulty"), 1, "typo");
    INT_EQ(edit_distance("kitten", "sitting"), 3, "classic");
    OK(hash64("a", 1, 0) != hash64("b", 1, 0), "hash differs");
    /* four at a time equals one at a time, whichever is shortest */
    {
        static const char text[] = "Which section says: the steppe, the Caspian and the Aral?";
        const size_t lens[][4] = {{0, 5, 9, 50}, {50, 9, 5, 0}, {12, 12, 12, 12}, {3, 40, 1, 22}};
        for (size_t t = 0; t < sizeof lens / sizeof *lens; t++) {
            const char *str[4];
            uint64_t out[4];
            for (size_t k = 0; k < 4; k++)
                str[k] = text + k;
            hash64_many(str, lens[t], 4, 99, out);
            int same = 1;
            for (size_t k = 0; k < 4; k++)
                same &= out[k] == hash64(str[k], lens[t][k], 99);
            OK(same, "hash64_many, lengths case %zu", t);
        }
    }
    uint64_t v = 7;
    OK(parse_whole("42", 1, 100, &v) == 0 && v == 42, "whole number");
    OK(parse_whole("18446744073709551615", 0, UINT64_MAX, &v) == 0 && v == UINT64_MAX, "max");
    OK(parse_whole("18446744073709551616", 0, UINT64_MAX, &v) == -1, "overflow");
    OK(parse_whole("0", 1, 100, &v) == -1, "below the range");
    OK(parse_whole("101", 1, 100, &v) == -1, "above the range");
    OK(parse_whole("-5", 0, 100, &v) == -1, "sign");
    OK(parse_whole(" 5", 0, 100, &v) == -1, "space");
    OK(parse_whole("", 0, 100, &v) == -1, "empty");
    OK(parse_whole("5x", 0, 100, &v) == -1, "junk");
}

static char dir[] = "/tmp/quizmill-util-XXXXXX";

static char *in_dir(const char *name)
{
    return xasprintf("%s/%s", dir, name);
}

static void put(const char *path, const char *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    OK(f != NULL, "cannot create %s", path);
    if (f) {
        fwrite(data, 1, n, f);
        fclose(f);
    }
}

/* read_file_max(path, max) fails with want (and leaves *out alone). */
static void refused(const char *path, size_t max, int want, const char *what)
{
    char untouched[] = "untouched";
    char *buf = untouched;
    size_t len = 7;
    errno = 0;
    INT_EQ(read_file_max(path, max, &buf, &len), -1, "%s: refused", what);
    INT_EQ(errno, want, "%s: errno (%s)", what, strerror(errno));
    STR_EQ(buf, "untouched", "%s: no buffer handed out", what);
}

static void test_read_file(void)
{
    if (!mkdtemp(dir)) {
        OK(0, "mkdtemp %s: %s", dir, strerror(errno));
        return;
    }
    char *buf;
    size_t len;

    /* a regular file, whole, NUL-terminated */
    char *file = in_dir("file.txt");
    put(file, "hello\n", 6);
    INT_EQ(read_file_max(file, 6, &buf, &len), 0, "a file of exactly max bytes");
    INT_EQ(len, 6, "its length");
    STR_EQ(buf, "hello\n", "its contents");
    free(buf);
    refused(file, 5, EFBIG, "one byte over the cap");
    INT_EQ(read_file(file, &buf, &len), 0, "read_file: a regular file");
    free(buf);

    char *empty = in_dir("empty.txt");
    put(empty, "", 0);
    INT_EQ(read_file_max(empty, 0, &buf, &len), 0, "an empty file, cap 0");
    OK(len == 0 && buf && buf[0] == '\0', "empty: \"\" of length 0");
    free(buf);

    /* bigger than a read chunk: the cap is checked on the size, then on
     * what is read */
    size_t big_n = 200000;
    char *big_data = xmalloc(big_n);
    for (size_t i = 0; i < big_n; i++)
        big_data[i] = (char)('a' + i % 26);
    char *big = in_dir("big.txt");
    put(big, big_data, big_n);
    INT_EQ(read_file_max(big, big_n, &buf, &len), 0, "200000 bytes, cap 200000");
    OK(len == big_n && memcmp(buf, big_data, big_n) == 0 && buf[big_n] == '\0',
       "200000 bytes read whole");
    free(buf);
    refused(big, big_n - 1, EFBIG, "200000 bytes, cap 199999");
    refused(big, 1000, EFBIG, "200000 bytes, cap 1000");
    free(big_data);

    /* a folder */
    char *sub = in_dir("sub");
    OK(mkdir(sub, 0700) == 0, "mkdir %s", sub);
    refused(sub, 1 << 20, EISDIR, "a folder");
    INT_EQ(read_file(sub, &buf, &len), -1, "read_file: a folder");
    STR_EQ(read_file_strerror(EISDIR), "is a folder", "EISDIR worded");

    /* a FIFO without a writer: refused at once, never waited on (the alarm
     * kills the test when the read blocks) */
    char *fifo = in_dir("fifo");
    OK(mkfifo(fifo, 0600) == 0, "mkfifo %s: %s", fifo, strerror(errno));
    alarm(HANG_LIMIT_S);
    refused(fifo, 1 << 20, ENOTSUP, "a FIFO");
    INT_EQ(read_file(fifo, &buf, &len), -1, "read_file: a FIFO");
    INT_EQ(errno, ENOTSUP, "read_file: a FIFO's errno");
    /* through a symlink too */
    char *fifo_link = in_dir("fifo-link");
    OK(symlink("fifo", fifo_link) == 0, "symlink to the FIFO");
    refused(fifo_link, 1 << 20, ENOTSUP, "a symlink to a FIFO");
    alarm(0);
    STR_EQ(read_file_strerror(ENOTSUP), "not a regular file (a FIFO, device or socket)",
           "ENOTSUP worded");

    /* devices: /dev/null would read as empty, /dev/zero without end */
    struct stat st;
    alarm(HANG_LIMIT_S);
    if (stat("/dev/null", &st) == 0 && S_ISCHR(st.st_mode))
        refused("/dev/null", 1 << 20, ENOTSUP, "/dev/null");
    else
        printf("skipped: /dev/null is no character device here\n");
    if (stat("/dev/zero", &st) == 0 && S_ISCHR(st.st_mode)) {
        refused("/dev/zero", 1 << 20, ENOTSUP, "/dev/zero");
        INT_EQ(read_file("/dev/zero", &buf, &len), -1, "read_file: /dev/zero (no cap)");
    } else {
        printf("skipped: /dev/zero is no character device here\n");
    }
    alarm(0);

    /* a socket */
    char *sock = in_dir("sock");
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un addr;
    memset(&addr, 0, sizeof addr);
    addr.sun_family = AF_UNIX;
    if (fd >= 0 && strlen(sock) < sizeof addr.sun_path) {
        strcpy(addr.sun_path, sock);
        OK(bind(fd, (struct sockaddr *)&addr, sizeof addr) == 0, "bind %s: %s", sock,
           strerror(errno));
        refused(sock, 1 << 20, ENOTSUP, "a socket");
    } else {
        printf("skipped: no Unix socket\n");
    }
    if (fd >= 0)
        close(fd);

    /* the rest, as strerror() */
    char *missing = in_dir("missing");
    refused(missing, 100, ENOENT, "a missing file");
    free(missing);
    STR_EQ(read_file_strerror(ENOENT), strerror(ENOENT), "other errors: strerror()");
    STR_EQ(read_file_strerror(EFBIG), "larger than the limit for this file", "EFBIG worded");

    unlink(fifo_link);
    unlink(fifo);
    unlink(sock);
    unlink(file);
    unlink(empty);
    unlink(big);
    rmdir(sub);
    OK(rmdir(dir) == 0, "the test folder empty at the end: %s", strerror(errno));
    free(fifo_link);
    free(fifo);
    free(sock);
    free(file);
    free(empty);
    free(big);
    free(sub);
}

static void test_rng(void)
{
    rng a, b;
    rng_seed(&a, 42);
    rng_seed(&b, 42);
    int same = 1;
    for (int i = 0; i < 100; i++)
        same &= rng_next(&a) == rng_next(&b);
    OK(same, "same seed, same sequence");
    rng_seed(&b, 43);
    OK(rng_next(&a) != rng_next(&b), "other seed, other sequence");

    int counts[5] = {0};
    for (int i = 0; i < 50000; i++)
        counts[rng_below(&a, 5)]++;
    for (int k = 0; k < 5; k++)
        OK(counts[k] > 9000 && counts[k] < 11000, "bucket %d has %d of 50000", k, counts[k]);

    /* rng_below_many is k calls of rng_below; a bound near 2^64 makes
     * rejections likely */
    const uint64_t bounds[] = {1, 7, 1000003, (UINT64_MAX / 3) * 2 + 1};
    for (size_t k = 0; k < sizeof bounds / sizeof *bounds; k++) {
        uint64_t many[64];
        rng_seed(&a, 7 + k);
        rng_seed(&b, 7 + k);
        rng_below_many(&a, bounds[k], many, 64);
        int equal = 1;
        for (int i = 0; i < 64; i++)
            equal &= many[i] == rng_below(&b, bounds[k]) && many[i] < bounds[k];
        OK(equal && rng_next(&a) == rng_next(&b), "rng_below_many below %llu",
           (unsigned long long)bounds[k]);
    }

    int v[10] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, seen[10] = {0};
    rng_shuffle(&a, v, 10, sizeof v[0]);
    for (int i = 0; i < 10; i++)
        seen[v[i]]++;
    int perm = 1;
    for (int i = 0; i < 10; i++)
        perm &= seen[i] == 1;
    OK(perm, "shuffle is a permutation");
}

int main(void)
{
    test_utf8();
    test_strbuf();
    test_strings();
    test_read_file();
    test_rng();
    return test_summary();
}
