//! Connection limits through the real server on a free port: silent and half-sent connections are
//! closed within their timeouts while `/healthz` keeps answering, and connections beyond the limit
//! are closed as soon as they are accepted.

mod common;

use std::time::{Duration, Instant};

use prepboard_web::ConnectionLimits;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

struct Server(common::Listening);

impl Server {
    async fn start(limits: ConnectionLimits) -> Server {
        Server(common::Listening::start(common::site().await, limits).await)
    }

    async fn stop(self) {
        self.0.stop().await;
    }

    /// One request on a connection of its own; the status code of the answer.
    async fn status_of(&self, path: &str) -> u16 {
        let Ok(mut stream) = TcpStream::connect(self.0.address).await else {
            return 0;
        };
        let request = format!("GET {path} HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n");
        if stream.write_all(request.as_bytes()).await.is_err() {
            return 0;
        }
        let mut answer = Vec::new();
        if stream.read_to_end(&mut answer).await.is_err() {
            return 0;
        }
        let text = String::from_utf8_lossy(&answer);
        text.split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0)
    }
}

/// Waits until the server closes `stream` (end of file or a reset), at most `limit`.
async fn closed_within(mut stream: TcpStream, limit: Duration) -> bool {
    let mut buffer = [0_u8; 1024];
    let deadline = Instant::now() + limit;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, stream.read(&mut buffer)).await {
            Err(_) => return false,
            Ok(Ok(0) | Err(_)) => return true,
            // An answer (a 408 for a request head that took too long) before the close.
            Ok(Ok(_)) => {}
        }
    }
}

/// Sends one more byte of a request head every 250 ms until the server closes the connection
/// (true) or `deadline` passes (false).
async fn trickle_until_closed(mut stream: TcpStream, deadline: Instant) -> bool {
    let mut buffer = [0_u8; 1024];
    let mut tick = tokio::time::interval(Duration::from_millis(250));
    loop {
        tokio::select! {
            read = stream.read(&mut buffer) => match read {
                Ok(0) | Err(_) => return true,
                // An answer (a 408 for a head that took too long) before the close.
                Ok(_) => {}
            },
            _ = tick.tick() => {
                if Instant::now() >= deadline {
                    return false;
                }
                if stream.write_all(b"a").await.is_err() {
                    return true;
                }
            }
        }
    }
}

fn raise_open_files_limit() {
    // 400 client sockets and as many server ones: more than a default soft limit of 1024 allows
    // beside the test harness.
    let _ = rlimit::increase_nofile_limit(u64::MAX);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn silent_and_half_sent_connections_are_closed_while_health_answers() {
    raise_open_files_limit();
    let limits = ConnectionLimits {
        header_read_timeout: Duration::from_secs(2),
        idle_timeout: Duration::from_secs(1),
        max_connections: 1000,
    };
    let server = Server::start(limits).await;
    let opened = Instant::now();
    let mut silent = Vec::new();
    for _ in 0..200 {
        silent.push(TcpStream::connect(server.0.address).await.unwrap());
    }
    // Half-sent: a request head that never ends, one more byte every 250 ms so the connection is
    // never silent; only the header deadline can close these. Each keeps trickling until the
    // server closes it (the event waited on), for at most the deadline and some slack.
    let slack = Duration::from_secs(3);
    let mut half_sent = Vec::new();
    for _ in 0..200 {
        let mut stream = TcpStream::connect(server.0.address).await.unwrap();
        stream
            .write_all(b"GET /healthz HTTP/1.1\r\nHost: test\r\nX-Slow: ")
            .await
            .unwrap();
        half_sent.push(tokio::spawn(trickle_until_closed(
            stream,
            opened + limits.header_read_timeout + slack,
        )));
    }
    // While 400 connections are held, health keeps answering on new ones.
    for _ in 0..5 {
        assert_eq!(server.status_of("/healthz").await, 200);
    }
    let silent_closed = futures::future::join_all(
        silent
            .into_iter()
            .map(|s| closed_within(s, limits.idle_timeout + slack)),
    )
    .await;
    assert!(
        silent_closed.iter().all(|closed| *closed),
        "{} of 200 silent connections still open {:?} after they opened",
        silent_closed.iter().filter(|c| !**c).count(),
        opened.elapsed()
    );
    let half_closed: Vec<bool> = futures::future::join_all(half_sent)
        .await
        .into_iter()
        .map(Result::unwrap)
        .collect();
    assert!(
        half_closed.iter().all(|closed| *closed),
        "{} of 200 half-sent connections still open {:?} after they opened",
        half_closed.iter().filter(|c| !**c).count(),
        opened.elapsed()
    );
    assert_eq!(server.status_of("/healthz").await, 200);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_beyond_the_limit_are_refused_at_once() {
    let limits = ConnectionLimits {
        header_read_timeout: Duration::from_secs(30),
        idle_timeout: Duration::from_secs(30),
        max_connections: 4,
    };
    let server = Server::start(limits).await;
    let mut held = Vec::new();
    for _ in 0..4 {
        let stream = TcpStream::connect(server.0.address).await.unwrap();
        held.push(stream);
    }
    // The server accepts in order: give it the four held connections before the fifth arrives.
    let mut probe = TcpStream::connect(server.0.address).await.unwrap();
    let _ = probe
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: test\r\n\r\n")
        .await;
    assert!(
        closed_within(probe, Duration::from_secs(5)).await,
        "a fifth connection is closed long before any timeout"
    );
    // A place frees as soon as a held connection ends.
    drop(held.pop());
    // The server hears of the close on its own time: ask again until a connection is served.
    let deadline = Instant::now() + Duration::from_secs(5);
    let mut answered = false;
    while !answered && Instant::now() < deadline {
        answered = server.status_of("/healthz").await == 200;
    }
    assert!(answered, "a freed place serves the next connection");
    drop(held);
    server.stop().await;
}
