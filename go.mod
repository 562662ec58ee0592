module github.com/nlbatch/nlbatch

go 1.26
