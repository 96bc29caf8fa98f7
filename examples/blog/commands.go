package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/rxgo/rxdb/rx"
)

// command runs one blog command on db, writing what it shows to w.
func command(ctx context.Context, db *rx.DB, w io.Writer, args []string) error {
	if len(args) == 0 {
		return errors.New("usage: blog post|comment|feed|user|delete-user|delete-tag ... (see go doc)")
	}
	fs := flag.NewFlagSet("blog "+args[0], flag.ContinueOnError)
	fs.SetOutput(w)
	user := fs.String("user", "", "username")
	title := fs.String("title", "", "post title")
	body := fs.String("body", "", "post or comment text")
	tags := fs.String("tags", "", "comma-separated tag labels")
	tag := fs.String("tag", "", "show only posts with this tag")
	post := fs.Int64("post", 0, "post id")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	switch args[0] {
	case "post":
		return addPost(ctx, db, w, *user, *title, *body, *tags)
	case "comment":
		return addComment(ctx, db, w, *post, *user, *body)
	case "feed":
		return feed(ctx, db, w, *tag)
	case "user":
		return showUser(ctx, db, w, fs.Arg(0))
	case "delete-user":
		_, err := rx.Delete[User](db).Where(rx.Eq{UserCols.Username: fs.Arg(0)}).Exec(ctx)
		return err
	case "delete-tag":
		_, err := rx.Delete[Tag](db).Where(rx.Eq{TagCols.Label: fs.Arg(0)}).Exec(ctx)
		if errors.Is(err, rx.ErrForeignKeyViolation) {
			return fmt.Errorf("tag %q is still on posts: remove it from them first", fs.Arg(0))
		}
		return err
	}
	return fmt.Errorf("unknown command %q (post, comment, feed, user, delete-user, delete-tag)", args[0])
}

// addPost writes a post, its author and its tags in one session: the
// author and new tags are staged with the post, which points at them, and
// the flush writes them first and copies their keys.
func addPost(ctx context.Context, db *rx.DB, w io.Writer, username, title, body, labels string) error {
	if username == "" || title == "" {
		return errors.New("post needs -user and -title")
	}
	p := &Post{Title: title, Body: body}
	err := db.WithSession(ctx, func(s *rx.Session) error {
		var err error
		if p.User, err = findOrStage(ctx, s, &User{Username: username}, rx.Eq{"username": username}); err != nil {
			return err
		}
		for _, label := range strings.Split(labels, ",") {
			if label = strings.TrimSpace(label); label == "" {
				continue
			}
			t, err := findOrStage(ctx, s, &Tag{Label: label}, rx.Eq{"label": label})
			if err != nil {
				return err
			}
			p.Tags = append(p.Tags, t)
		}
		return s.Add(p)
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "post %d by %s\n", p.ID, username)
	return nil
}

// findOrStage returns the row that where finds, or stages fresh.
func findOrStage[T any](ctx context.Context, s *rx.Session, fresh *T, where rx.Sqlizer) (*T, error) {
	found, err := rx.Select[T](s).Where(where).One(ctx)
	if errors.Is(err, rx.ErrNotFound) {
		return fresh, s.Add(fresh)
	}
	return found, err
}

func addComment(ctx context.Context, db *rx.DB, w io.Writer, postID int64, username, body string) error {
	return db.WithSession(ctx, func(s *rx.Session) error {
		u, err := rx.Select[User](s).Where(rx.Eq{UserCols.Username: username}).One(ctx)
		if err != nil {
			return fmt.Errorf("user %q: %w", username, err)
		}
		c := &Comment{PostID: postID, UserID: u.ID, Body: body}
		if err := s.Insert(ctx, c); err != nil {
			if errors.Is(err, rx.ErrForeignKeyViolation) {
				return fmt.Errorf("no post %d", postID)
			}
			return err
		}
		fmt.Fprintf(w, "comment %d on post %d\n", c.ID, postID)
		return nil
	})
}

// feed lists posts, newest first, with their author, tags and comments
// and the comments' authors: five statements, however many posts.
func feed(ctx context.Context, db *rx.DB, w io.Writer, tag string) error {
	q := rx.Select[Post](db).OrderBy("-id").Limit(50).With("User", "Tags", "Comments.User")
	if tag != "" {
		q = q.JoinRelation("Tags").Where(rx.Eq{"tag.label": tag})
	}
	posts, err := q.All(ctx)
	if err != nil {
		return err
	}
	for _, p := range posts {
		labels := make([]string, len(p.Tags))
		for i, t := range p.Tags {
			labels[i] = t.Label
		}
		fmt.Fprintf(w, "#%d %s by %s [%s]\n", p.ID, p.Title, p.User.Username, strings.Join(labels, ", "))
		for _, c := range p.Comments {
			fmt.Fprintf(w, "    %s: %s\n", c.User.Username, c.Body)
		}
	}
	return nil
}

// showUser shows a user's posts and their tags.
func showUser(ctx context.Context, db *rx.DB, w io.Writer, username string) error {
	u, err := rx.Select[User](db).Where(rx.Eq{"username": username}).With("Posts.Tags").One(ctx)
	if err != nil {
		return fmt.Errorf("user %q: %w", username, err)
	}
	fmt.Fprintf(w, "%s: %s\n", u.Username, plural(len(u.Posts), "post"))
	for _, p := range u.Posts {
		fmt.Fprintf(w, "    #%d %s (%s)\n", p.ID, p.Title, plural(len(p.Tags), "tag"))
	}
	return nil
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}
