package dev.fanout.jobs.factorize;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/** Factorizes one number of a worker's share. Stateless, so any number of partitions may share the algorithm. */
class FactorizeProcessor implements ItemProcessor<NumberAt, Factorization> {

	private final Factorizer factorizer;

	private final Algorithm algorithm;

	FactorizeProcessor(Factorizer factorizer, Algorithm algorithm) {
		this.factorizer = factorizer;
		this.algorithm = algorithm;
	}

	@Override
	public Factorization process(NumberAt item) {
		return new Factorization(item.position(), item.number(), this.factorizer.divisors(item.number(), this.algorithm));
	}

}
