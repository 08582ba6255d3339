//! [`serve`]: runs the router on a listener until a shutdown future resolves, finishing requests
//! in flight.

use std::future::Future;

use axum::serve::ListenerExt;
use tokio::net::TcpListener;

use crate::routes::app;
use crate::state::AppState;

/// Serves [`app`] on `listener` until `shutdown` resolves, then lets requests in flight finish.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let address = listener.local_addr()?;
    tracing::info!(%address, "serving");
    // Responses go out in more than one write (head, then body); with Nagle's algorithm on, a
    // keep-alive client can wait for a delayed ACK before the rest arrives.
    let listener = listener.tap_io(|connection| {
        if let Err(error) = connection.set_nodelay(true) {
            tracing::debug!(%error, "could not set TCP_NODELAY");
        }
    });
    axum::serve(listener, app(state))
        .with_graceful_shutdown(shutdown)
        .await
}
