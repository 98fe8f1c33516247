// SPDX-License-Identifier: GPL-2.0
/*
 * lava-results LOG: what a LAVA job recorded and what the guest sent, from
 * lava-run's log (one YAML flow mapping per line: {dt, lvl, msg}). Prints
 * tab-separated lines:
 *
 *   result DEFINITION SET CASE RESULT MEASUREMENT UNITS   (lvl: results)
 *   sent CASE RESULT MEASUREMENT UNITS     (the guest's "cmbench-lava: case" lines)
 *
 * "-" where a field is absent. lava-results --console LOG prints the
 * guest's console lines (lvl: target) as they were. The log is YAML, not JSON (measurements
 * carry the non-specific tag "!"), so it is read with libyaml. Exit 1,
 * naming the line, on a line that is not YAML.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

/* The scalar under key in a mapping node, or NULL. */
static const char *get(yaml_document_t *doc, yaml_node_t *map, const char *key,
		       yaml_node_t **node)
{
	yaml_node_pair_t *p;
	yaml_node_t *k, *v;

	if (!map || map->type != YAML_MAPPING_NODE)
		return NULL;
	for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		k = yaml_document_get_node(doc, p->key);
		v = yaml_document_get_node(doc, p->value);
		if (!k || k->type != YAML_SCALAR_NODE || strcmp((char *)k->data.scalar.value, key))
			continue;
		if (node)
			*node = v;
		return v && v->type == YAML_SCALAR_NODE ? (char *)v->data.scalar.value : "";
	}
	return NULL;
}

static const char *or_dash(const char *s)
{
	return s && *s ? s : "-";
}

static int console;

/* One log line; 0, or -1 when it is not YAML. */
static int line(const char *text, size_t len)
{
	const char *lvl, *msg, *prefix = "cmbench-lava: case ";
	yaml_node_t *root, *m = NULL;
	yaml_parser_t parser;
	yaml_document_t doc;

	if (!yaml_parser_initialize(&parser))
		return -1;
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	if (!yaml_parser_load(&parser, &doc)) {
		yaml_parser_delete(&parser);
		return -1;
	}
	root = yaml_document_get_root_node(&doc);
	lvl = get(&doc, root, "lvl", NULL);
	msg = get(&doc, root, "msg", &m);
	if (console) {
		if (lvl && !strcmp(lvl, "target") && msg)
			printf("%s\n", msg);
	} else if (lvl && !strcmp(lvl, "results") && m && m->type == YAML_MAPPING_NODE) {
		printf("result\t%s\t%s\t%s\t%s\t%s\t%s\n", or_dash(get(&doc, m, "definition", NULL)),
		       or_dash(get(&doc, m, "set", NULL)), or_dash(get(&doc, m, "case", NULL)),
		       or_dash(get(&doc, m, "result", NULL)),
		       or_dash(get(&doc, m, "measurement", NULL)),
		       or_dash(get(&doc, m, "units", NULL)));
	} else if (lvl && !strcmp(lvl, "target") && msg && !strncmp(msg, prefix, strlen(prefix))) {
		char f[4][128] = { "-", "-", "-", "-" };

		sscanf(msg + strlen(prefix), "%127s %127s %127s %127s", f[0], f[1], f[2], f[3]);
		printf("sent\t%s\t%s\t%s\t%s\n", f[0], f[1], f[2], f[3]);
	}
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	return 0;
}

int main(int argc, char **argv)
{
	unsigned long n = 0;
	char *buf = NULL;
	size_t cap = 0;
	ssize_t len;
	FILE *f;

	if (argc == 3 && !strcmp(argv[1], "--console")) {
		console = 1;
		argv++;
	} else if (argc != 2) {
		fprintf(stderr, "usage: lava-results [--console] LAVA-RUN-LOG\n");
		return 2;
	}
	f = fopen(argv[1], "r");
	if (!f) {
		perror(argv[1]);
		return 1;
	}
	while ((len = getline(&buf, &cap, f)) > 0) {
		n++;
		if (len == 1)	/* an empty line */
			continue;
		if (line(buf, (size_t)len)) {
			fprintf(stderr, "lava-results: %s:%lu: not a YAML log record\n", argv[1], n);
			return 1;
		}
	}
	free(buf);
	fclose(f);
	return 0;
}
