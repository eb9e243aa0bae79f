package com.retailflow.proxy.internal.shadow;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/** Reads an answer body up to a limit; past it, stops reading (cancels) and reports it as too large. */
final class CappedBody implements HttpResponse.BodySubscriber<CappedBody.Result> {

	record Result(byte[] bytes, boolean tooLarge) {
	}

	private final int limit;
	private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
	private final CompletableFuture<Result> result = new CompletableFuture<>();
	private Flow.Subscription subscription;

	CappedBody(int limit) {
		this.limit = limit;
	}

	@Override
	public CompletionStage<Result> getBody() {
		return result;
	}

	@Override
	public void onSubscribe(Flow.Subscription subscription) {
		this.subscription = subscription;
		subscription.request(Long.MAX_VALUE);
	}

	@Override
	public void onNext(List<ByteBuffer> buffers) {
		if (result.isDone()) {
			return;
		}
		for (ByteBuffer buffer : buffers) {
			if (bytes.size() + buffer.remaining() > limit) {
				result.complete(new Result(new byte[0], true));
				subscription.cancel();
				return;
			}
			byte[] chunk = new byte[buffer.remaining()];
			buffer.get(chunk);
			bytes.writeBytes(chunk);
		}
	}

	@Override
	public void onError(Throwable error) {
		result.completeExceptionally(error);
	}

	@Override
	public void onComplete() {
		result.complete(new Result(bytes.toByteArray(), false));
	}
}
