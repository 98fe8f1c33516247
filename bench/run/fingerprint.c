// SPDX-License-Identifier: GPL-2.0
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <nettle/sha2.h>
#include <zlib.h>

#include "run/fingerprint.h"

static void to_hex(const uint8_t *b, size_t n, char *hex, size_t len)
{
	size_t i;

	hex[0] = '\0';
	for (i = 0; i < n && 2 * i + 2 < len; i++)
		snprintf(hex + 2 * i, 3, "%02x", b[i]);
}

int cmb_config_sha256(const char *path, char *hex, size_t len)
{
	uint8_t buf[16384], digest[SHA256_DIGEST_SIZE];
	struct sha256_ctx ctx;
	gzFile f;
	int n;

	hex[0] = '\0';
	/* gzread passes a file that is not gzip through unchanged. */
	f = gzopen(path, "rb");
	if (!f)
		return -1;
	sha256_init(&ctx);
	while ((n = gzread(f, buf, sizeof(buf))) > 0)
		sha256_update(&ctx, (size_t)n, buf);
	if (n < 0) {
		gzclose(f);
		return -1;
	}
	gzclose(f);
	sha256_digest(&ctx, sizeof(digest), digest);
	to_hex(digest, sizeof(digest), hex, len);
	return 0;
}

static uint32_t align4(uint32_t v)
{
	return (v + 3) & ~3U;
}

int cmb_build_id(const char *path, char *hex, size_t len)
{
	uint8_t buf[4096];
	size_t n, off = 0;
	FILE *f = fopen(path, "rb");

	hex[0] = '\0';
	if (!f)
		return -1;
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	/* Elf{32,64}_Nhdr are the same: namesz, descsz, type, then padded data. */
	while (off + 12 <= n) {
		uint32_t namesz, descsz, type;
		size_t name, desc;

		memcpy(&namesz, buf + off, 4);
		memcpy(&descsz, buf + off + 4, 4);
		memcpy(&type, buf + off + 8, 4);
		name = off + 12;
		desc = name + align4(namesz);
		if (namesz > n || descsz > n || desc + descsz > n)
			break;
		if (type == 3 && namesz == 4 && !memcmp(buf + name, "GNU", 4) && descsz) {
			to_hex(buf + desc, descsz, hex, len);
			return 0;
		}
		off = desc + align4(descsz);
	}
	return -1;
}

int cmb_running_config(const char *release, char *path, size_t plen, char *hex,
		       size_t hlen)
{
	snprintf(path, plen, "/proc/config.gz");
	if (!cmb_config_sha256(path, hex, hlen))
		return 0;
	snprintf(path, plen, "/boot/config-%s", release);
	if (!cmb_config_sha256(path, hex, hlen))
		return 0;
	path[0] = '\0';
	return -1;
}
