/*
 * libgit2-floor: what libgit2 alone costs to produce every diff of a range the way
 * mmu-review asks for them (each commit against its first parent, 3 lines of context,
 * the indent heuristic, rename detection, every line visited; no hash verification on
 * read, like git; no object cache, as in mmu-review). No rules, no patch model, no Swift: the floor under mmu-review's
 * reading, to set next to `git log -p`. scripts/bench builds and runs it.
 *
 *     cc -O2 -o floor libgit2-floor.c $(pkg-config --cflags --libs libgit2) -lpthread
 *     git rev-list --reverse A..B | ./floor REPO THREADS
 */
#include <git2.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_THREADS 16

static char **ids;
static int nids, nthreads;
static const char *repo_path;
static long long lines_seen[MAX_THREADS];

static void die(const char *what)
{
	const git_error *e = git_error_last();
	fprintf(stderr, "libgit2-floor: %s: %s\n", what, e && e->message ? e->message : "error");
	exit(2);
}

static long long diff_commit(git_repository *repo, const char *hex)
{
	git_oid oid;
	git_commit *commit, *parent = NULL;
	git_tree *new_tree, *old_tree = NULL;
	git_diff *diff;
	git_diff_options options;
	git_diff_find_options find;
	long long lines = 0;

	if (git_oid_fromstr(&oid, hex) < 0 || git_commit_lookup(&commit, repo, &oid) < 0)
		die(hex);
	if (git_commit_tree(&new_tree, commit) < 0)
		die("tree");
	if (git_commit_parentcount(commit) > 0) {
		if (git_commit_parent(&parent, commit, 0) < 0 || git_commit_tree(&old_tree, parent) < 0)
			die("parent");
	}
	git_diff_options_init(&options, GIT_DIFF_OPTIONS_VERSION);
	options.context_lines = 3;
	options.flags |= GIT_DIFF_INDENT_HEURISTIC;
	if (git_diff_tree_to_tree(&diff, repo, old_tree, new_tree, &options) < 0)
		die("diff");
	git_diff_find_options_init(&find, GIT_DIFF_FIND_OPTIONS_VERSION);
	find.flags = GIT_DIFF_FIND_RENAMES;
	if (git_diff_find_similar(diff, &find) < 0)
		die("renames");
	for (size_t d = 0; d < git_diff_num_deltas(diff); d++) {
		git_patch *patch;
		if (git_patch_from_diff(&patch, diff, d) < 0)
			die("patch");
		if (!patch)
			continue;
		for (size_t h = 0; h < git_patch_num_hunks(patch); h++) {
			const git_diff_hunk *hunk;
			size_t count;
			git_patch_get_hunk(&hunk, &count, patch, h);
			for (size_t l = 0; l < count; l++) {
				const git_diff_line *line;
				git_patch_get_line_in_hunk(&line, patch, h, l);
				lines += line->content_len > 0;
			}
		}
		git_patch_free(patch);
	}
	git_diff_free(diff);
	git_tree_free(new_tree);
	git_tree_free(old_tree);
	git_commit_free(parent);
	git_commit_free(commit);
	return lines;
}

/* Worker w takes commits w, w + n, w + 2n, ... with a repository handle of its own,
 * as mmu-review's reader does. */
static void *worker(void *arg)
{
	int w = (int)(long)arg;
	git_repository *repo;
	if (git_repository_open(&repo, repo_path) < 0)
		die(repo_path);
	for (int k = w; k < nids; k += nthreads)
		lines_seen[w] += diff_commit(repo, ids[k]);
	git_repository_free(repo);
	return NULL;
}

int main(int argc, char **argv)
{
	char buf[128];
	int capacity = 1024;
	pthread_t threads[MAX_THREADS];
	long long total = 0;

	if (argc != 3 || (nthreads = atoi(argv[2])) < 1 || nthreads > MAX_THREADS) {
		fprintf(stderr, "usage: libgit2-floor REPO THREADS < commit ids\n");
		return 2;
	}
	repo_path = argv[1];
	git_libgit2_init();
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 0);
	ids = malloc(sizeof(*ids) * capacity);
	while (fgets(buf, sizeof(buf), stdin)) {
		buf[strcspn(buf, "\r\n")] = 0;
		if (!*buf)
			continue;
		if (nids == capacity)
			ids = realloc(ids, sizeof(*ids) * (capacity *= 2));
		ids[nids++] = strdup(buf);
	}
	for (int w = 0; w < nthreads; w++)
		pthread_create(&threads[w], NULL, worker, (void *)(long)w);
	for (int w = 0; w < nthreads; w++) {
		pthread_join(threads[w], NULL);
		total += lines_seen[w];
	}
	printf("%d commits, %lld diff lines\n", nids, total);
	return 0;
}
