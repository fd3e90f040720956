//! The git export: commits per run, identities, repositories found or created.

use std::path::Path;
use std::process::Command;

use super::{dev, read};
use crate::ErrorKind;
use crate::export::{Exports, GitExport};
use crate::store::RunId;

/// True when git can be run; git tests are skipped (with a notice) otherwise.
fn git_available() -> bool {
    let found = Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        eprintln!("skipping: the git command is not installed");
    }
    found
}

/// Runs git in `repo` without the machine's configuration; returns its trimmed stdout.
fn git(repo: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap();
    assert!(output.status.success(), "git {args:?}: {output:?}");
    String::from_utf8(output.stdout).unwrap().trim().to_owned()
}

#[test]
fn each_run_with_changes_is_one_commit_and_an_unchanged_run_none() {
    if !git_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("backups-git");
    let export = GitExport::open_isolated(&repo).unwrap();
    assert!(repo.join(".git").exists());
    // Nothing written yet: nothing to commit.
    assert_eq!(export.commit("empty").unwrap(), None);

    assert!(export.write(&dev("r1"), "a\n").unwrap());
    assert!(export.write(&dev("r2"), "b\n").unwrap());
    let first = export.commit("run 1").unwrap().unwrap();
    assert_eq!(first.len(), 40, "{first}");
    assert!(export.write(&dev("r1"), "a2\n").unwrap());
    assert!(!export.write(&dev("r2"), "b\n").unwrap());
    let second = export.commit("run 2").unwrap().unwrap();
    assert!(!export.write(&dev("r1"), "a2\n").unwrap());
    assert_eq!(export.commit("run 3").unwrap(), None);

    assert_eq!(git(&repo, &["rev-parse", "HEAD"]), second);
    assert_eq!(git(&repo, &["rev-parse", "HEAD~1"]), first);
    assert_eq!(git(&repo, &["log", "--format=%s"]), "run 2\nrun 1");
    assert_eq!(
        git(&repo, &["show", "--name-only", "--format=", "HEAD"]),
        "acme/core-nms/r1"
    );
    assert_eq!(git(&repo, &["show", "HEAD~1:acme/core-nms/r1"]), "a");
    assert_eq!(git(&repo, &["status", "--porcelain"]), "");
}

#[test]
fn without_an_identity_commits_are_by_nbi_and_the_config_is_untouched() {
    if !git_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    let export = GitExport::open_isolated(&repo).unwrap();
    let config_before = std::fs::read_to_string(repo.join(".git/config")).unwrap();
    export.write(&dev("r1"), "a\n").unwrap();
    export.commit("run 1").unwrap().unwrap();
    assert_eq!(
        git(&repo, &["log", "-1", "--format=%an <%ae>|%cn <%ce>"]),
        "nbi <nbi@localhost>|nbi <nbi@localhost>"
    );
    let config_after = std::fs::read_to_string(repo.join(".git/config")).unwrap();
    assert_eq!(config_before, config_after);
}

#[test]
fn a_configured_identity_is_used() {
    if !git_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    let export = GitExport::open_isolated(&repo).unwrap();
    git(&repo, &["config", "user.name", "Backup Bot"]);
    git(&repo, &["config", "user.email", "bot@example.net"]);
    export.write(&dev("r1"), "a\n").unwrap();
    export.commit("run 1").unwrap().unwrap();
    assert_eq!(
        git(&repo, &["log", "-1", "--format=%an <%ae>"]),
        "Backup Bot <bot@example.net>"
    );
}

#[test]
fn an_existing_repository_is_reused_and_a_nested_folder_gets_its_own() {
    if !git_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let outer = dir.path().join("outer");
    let export = GitExport::open_isolated(&outer).unwrap();
    export.write(&dev("r1"), "a\n").unwrap();
    let commit = export.commit("run 1").unwrap().unwrap();
    drop(export);
    let reopened = GitExport::open_isolated(&outer).unwrap();
    assert_eq!(git(&outer, &["rev-parse", "HEAD"]), commit);
    assert_eq!(read(reopened.root(), &dev("r1")), "a\n");

    let nested = outer.join("nested");
    GitExport::open_isolated(&nested).unwrap();
    assert!(nested.join(".git").is_dir());
}

#[test]
fn a_dot_git_device_id_is_refused() {
    if !git_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let export = GitExport::open_isolated(dir.path().join("repo")).unwrap();
    let err = export.write(&dev(".git"), "x").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Usage);
}

#[test]
fn a_broken_repository_is_an_io_error_with_gits_message() {
    if !git_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    let err = GitExport::open_isolated(&repo).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Io);
    assert!(err.message().contains("git rev-parse"), "{err}");
    assert!(err.message().contains("not a git repository"), "{err}");
}

#[test]
fn a_broken_repository_inside_another_one_is_refused() {
    if !git_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let outer = dir.path().join("outer");
    GitExport::open_isolated(&outer).unwrap();
    let inner = outer.join("inner");
    std::fs::create_dir_all(inner.join(".git")).unwrap();
    // Git would fall back to `outer`; committing there must not happen.
    let err = GitExport::open_isolated(&inner).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Io);
    assert!(err.message().contains("its .git is broken"), "{err}");
}

#[test]
fn finish_run_commits_with_the_run_in_the_message() {
    if !git_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("git");
    let exports = Exports {
        dir: None,
        git: Some(GitExport::open_isolated(&repo).unwrap()),
    };
    exports.write(&dev("r1"), "a\n").unwrap();
    let hash = exports.finish_run(RunId(3), "1 changed, 0 failed").unwrap();
    assert_eq!(hash, Some(git(&repo, &["rev-parse", "HEAD"])));
    assert_eq!(
        git(&repo, &["log", "-1", "--format=%s"]),
        "nbi fleet backup run 3: 1 changed, 0 failed"
    );
    assert_eq!(exports.finish_run(RunId(4), "0 changed").unwrap(), None);
}
