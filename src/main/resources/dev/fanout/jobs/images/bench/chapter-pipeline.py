# The chapter's queue pipeline (item 55), as the book writes it: ClosableQueue, StoppableWorker, start_threads and
# stop_threads, with download, resize and upload each a sleep of the model's latency. `fanout bench images` runs it
# beside the job on the same model.
#
# Usage: python3 chapter-pipeline.py DOWNLOAD_THREADS RESIZE_THREADS UPLOAD_THREADS ITEMS LATENCY_MS
# Prints: <items finished> <seconds> <CPU seconds of this process>, timed from the queues' creation to the last join.
import sys
import time
from queue import Queue
from threading import Thread

download_count, resize_count, upload_count, items = (int(arg) for arg in sys.argv[1:5])
latency = float(sys.argv[5]) / 1000


def download(item):
    time.sleep(latency)
    return item


def resize(item):
    time.sleep(latency)
    return item


def upload(item):
    time.sleep(latency)
    return item


class ClosableQueue(Queue):
    SENTINEL = object()

    def close(self):
        self.put(self.SENTINEL)

    def __iter__(self):
        while True:
            item = self.get()
            try:
                if item is self.SENTINEL:
                    return  # Cause the thread to exit
                yield item
            finally:
                self.task_done()


class StoppableWorker(Thread):
    def __init__(self, func, in_queue, out_queue):
        super().__init__()
        self.func = func
        self.in_queue = in_queue
        self.out_queue = out_queue

    def run(self):
        for item in self.in_queue:
            result = self.func(item)
            self.out_queue.put(result)


def start_threads(count, *args):
    threads = [StoppableWorker(*args) for _ in range(count)]
    for thread in threads:
        thread.start()
    return threads


def stop_threads(closable_queue, threads):
    for _ in threads:
        closable_queue.close()
    closable_queue.join()
    for thread in threads:
        thread.join()


start = time.perf_counter()
cpu = time.process_time()
download_queue = ClosableQueue()
resize_queue = ClosableQueue()
upload_queue = ClosableQueue()
done_queue = ClosableQueue()
download_threads = start_threads(download_count, download, download_queue, resize_queue)
resize_threads = start_threads(resize_count, resize, resize_queue, upload_queue)
upload_threads = start_threads(upload_count, upload, upload_queue, done_queue)
for _ in range(items):
    download_queue.put(object())
stop_threads(download_queue, download_threads)
stop_threads(resize_queue, resize_threads)
stop_threads(upload_queue, upload_threads)
print(done_queue.qsize(), time.perf_counter() - start, time.process_time() - cpu)
