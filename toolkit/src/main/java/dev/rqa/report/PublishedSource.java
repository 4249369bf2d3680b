package dev.rqa.report;

/**
 * Location of published numbers: a file of a repository at a fixed commit.
 *
 * @param title      what the document is
 * @param repository GitHub repository, owner/name
 * @param path       file inside the repository
 * @param commit     full commit hash the values were checked against
 * @param url        link to the file at that commit
 */
public record PublishedSource(String title, String repository, String path, String commit, String url) {

    /** Returns a one-line citation: repository, path and short commit. */
    public String citation() {
        String shortCommit = commit.length() > 12 ? commit.substring(0, 12) : commit;
        return title + ": " + repository + ", " + path + " at commit " + shortCommit;
    }
}
