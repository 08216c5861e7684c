package dev.fanout.factorize;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Reads one worker's share of the numbers, which it received in its partition's execution context. Restartable: the
 * base class saves the read count with every chunk, and a restart continues after the last committed chunk.
 * Confined to its partition's thread (one instance per step execution, from step scope).
 */
class ShareReader extends AbstractItemCountingItemStreamItemReader<NumberAt> {

	private final int[] positions;

	private final long[] numbers;

	private int next;

	ShareReader(int[] positions, long[] numbers) {
		this.positions = positions;
		this.numbers = numbers;
		setName("share");
	}

	@Override
	protected @Nullable NumberAt doRead() {
		if (this.next >= this.positions.length) {
			return null;
		}
		NumberAt item = new NumberAt(this.positions[this.next], this.numbers[this.next]);
		this.next++;
		return item;
	}

	@Override
	protected void jumpToItem(int itemIndex) {
		this.next = itemIndex;
	}

	@Override
	protected void doOpen() {
		this.next = 0;
	}

	@Override
	protected void doClose() {
	}

}
