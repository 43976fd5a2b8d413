"""What operates a deployment: the cluster shape (cluster, lb), the scheduler role (leader), the
outgoing rate limits (ratelimit) and the metrics."""
