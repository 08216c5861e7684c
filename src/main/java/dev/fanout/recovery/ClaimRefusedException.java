package dev.fanout.recovery;

/** Another owner holds the job instance a launch tried to claim. */
public class ClaimRefusedException extends RuntimeException {

	private final OwnerRecord holder;

	private final Ownership ownership;

	ClaimRefusedException(OwnerRecord holder, Ownership ownership) {
		super("job instance held by " + holder.process());
		this.holder = holder;
		this.ownership = ownership;
	}

	public OwnerRecord holder() {
		return this.holder;
	}

	public Ownership ownership() {
		return this.ownership;
	}

}
