"""A tiny IMAP server for the fetch tests: just the commands `inquiries fetch` sends, over plain TCP.

It keeps a mailbox of {uid: [message bytes, seen]} and answers LOGIN,
SELECT, UID SEARCH UNSEEN, UID FETCH, UID STORE +FLAGS (\\Seen) and LOGOUT
as an IMAP server does, so the real imaplib client talks to it.
"""

import socketserver
import threading


class Handler(socketserver.StreamRequestHandler):
    def send(self, line):
        self.wfile.write(line if isinstance(line, bytes) else line.encode() + b"\r\n")

    def handle(self):
        mailbox = self.server.mailbox
        self.send("* OK test IMAP ready")
        for raw in self.rfile:
            tag, command, *rest = raw.decode().rstrip("\r\n").split(" ")
            command = command.upper()
            if command == "CAPABILITY":
                self.send("* CAPABILITY IMAP4rev1")
            elif command == "LOGIN":
                if rest[1].strip('"') != self.server.password:
                    self.send(f"{tag} NO wrong password")
                    continue
            elif command == "SELECT":
                self.send(f"* {len(mailbox)} EXISTS")
            elif command == "UID":
                self.uid(mailbox, rest)
            elif command == "LOGOUT":
                self.send("* BYE")
                self.send(f"{tag} OK")
                return
            self.send(f"{tag} OK done")

    def uid(self, mailbox, rest):
        action, arguments = rest[0].upper(), rest[1:]
        if action == "SEARCH":
            unseen = " ".join(str(uid) for uid, (_m, seen) in sorted(mailbox.items()) if not seen)
            self.send(f"* SEARCH {unseen}".rstrip())
        elif action == "FETCH":
            uid = int(arguments[0])
            content = mailbox[uid][0]
            self.send(f"* {uid} FETCH (UID {uid} BODY[] {{{len(content)}}}".encode() + b"\r\n" + content + b")\r\n")
        elif action == "STORE":
            uid = int(arguments[0])
            mailbox[uid][1] = True
            self.send(f"* {uid} FETCH (FLAGS (\\Seen))")


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def serve(messages, *, password="hemmelig"):
    """Start a server on a free local port with `messages`; returns it (`.mailbox`, `.server_address`)."""
    server = Server(("127.0.0.1", 0), Handler)
    server.mailbox = {uid: [content, False] for uid, content in enumerate(messages, start=1)}
    server.password = password
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
